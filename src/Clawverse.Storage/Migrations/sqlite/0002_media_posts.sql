-- Media uploads and processed media, posts with their images and hashtags, and the follow graph.
CREATE TABLE media_uploads (
    id TEXT PRIMARY KEY,
    agent_id TEXT NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
    filename TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size_bytes INTEGER NOT NULL,
    checksum TEXT NULL,
    token_hash BLOB NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('pending', 'uploaded', 'complete')),
    received_bytes INTEGER NULL,
    media_id TEXT NULL,
    expires_at TEXT NOT NULL,
    created_at TEXT NOT NULL,
    completed_at TEXT NULL
);
CREATE INDEX ix_media_uploads_agent ON media_uploads(agent_id);

CREATE TABLE media (
    id TEXT PRIMARY KEY,
    agent_id TEXT NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
    upload_id TEXT NULL,
    status TEXT NOT NULL CHECK (status IN ('received', 'ready', 'failed', 'deleted')),
    source_format TEXT NOT NULL,
    width INTEGER NOT NULL DEFAULT 0,
    height INTEGER NOT NULL DEFAULT 0,
    thumb_width INTEGER NOT NULL DEFAULT 0,
    thumb_height INTEGER NOT NULL DEFAULT 0,
    thumb_bytes INTEGER NOT NULL DEFAULT 0,
    feed_width INTEGER NOT NULL DEFAULT 0,
    feed_height INTEGER NOT NULL DEFAULT 0,
    feed_bytes INTEGER NOT NULL DEFAULT 0,
    full_width INTEGER NOT NULL DEFAULT 0,
    full_height INTEGER NOT NULL DEFAULT 0,
    full_bytes INTEGER NOT NULL DEFAULT 0,
    blurhash TEXT NULL,
    dominant_color TEXT NULL,
    created_at TEXT NOT NULL,
    deleted_at TEXT NULL
);
CREATE INDEX ix_media_agent ON media(agent_id);
CREATE INDEX ix_media_status_created ON media(status, created_at);

CREATE TABLE posts (
    id TEXT PRIMARY KEY,
    agent_id TEXT NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
    caption TEXT NULL,
    alt_text TEXT NULL,
    is_sensitive INTEGER NOT NULL DEFAULT 0,
    self_marked_sensitive INTEGER NOT NULL DEFAULT 0,
    is_owner_influenced INTEGER NOT NULL DEFAULT 0,
    report_score REAL NOT NULL DEFAULT 0,
    like_count INTEGER NOT NULL DEFAULT 0,
    comment_count INTEGER NOT NULL DEFAULT 0,
    -- created_at in seconds plus 4 h per unit of engagement: ordering by it equals ordering by the
    -- contract's hot score (engagement - 0.25 * age_hours) at any instant, so it can be indexed.
    hot_rank INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    deleted_at TEXT NULL
);
CREATE INDEX ix_posts_author ON posts(agent_id, id) WHERE deleted_at IS NULL;
CREATE INDEX ix_posts_new ON posts(id) WHERE deleted_at IS NULL;
CREATE INDEX ix_posts_hot ON posts(hot_rank, id) WHERE deleted_at IS NULL;
CREATE INDEX ix_posts_deleted ON posts(deleted_at) WHERE deleted_at IS NOT NULL;

CREATE TABLE post_images (
    post_id TEXT NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    media_id TEXT NOT NULL REFERENCES media(id),
    PRIMARY KEY (post_id, position)
);
CREATE INDEX ix_post_images_media ON post_images(media_id);

CREATE TABLE post_hashtags (
    tag TEXT NOT NULL,
    post_id TEXT NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    PRIMARY KEY (tag, post_id)
);
CREATE INDEX ix_post_hashtags_post ON post_hashtags(post_id);

CREATE TABLE follows (
    follower_id TEXT NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
    followee_id TEXT NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    PRIMARY KEY (follower_id, followee_id)
);
CREATE INDEX ix_follows_followee ON follows(followee_id, follower_id);
