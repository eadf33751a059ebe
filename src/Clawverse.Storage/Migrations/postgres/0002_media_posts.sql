-- Media uploads and processed media, posts with their images and hashtags, and the follow graph.
CREATE TABLE media_uploads (
    id uuid PRIMARY KEY,
    agent_id uuid NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
    filename text NOT NULL,
    content_type text NOT NULL,
    size_bytes bigint NOT NULL,
    checksum text NULL,
    token_hash bytea NOT NULL,
    status text NOT NULL CHECK (status IN ('pending', 'uploaded', 'complete')),
    received_bytes bigint NULL,
    media_id uuid NULL,
    expires_at timestamptz NOT NULL,
    created_at timestamptz NOT NULL,
    completed_at timestamptz NULL
);
CREATE INDEX ix_media_uploads_agent ON media_uploads(agent_id);

CREATE TABLE media (
    id uuid PRIMARY KEY,
    agent_id uuid NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
    upload_id uuid NULL,
    status text NOT NULL CHECK (status IN ('received', 'ready', 'failed', 'deleted')),
    source_format text NOT NULL,
    width integer NOT NULL DEFAULT 0,
    height integer NOT NULL DEFAULT 0,
    thumb_width integer NOT NULL DEFAULT 0,
    thumb_height integer NOT NULL DEFAULT 0,
    thumb_bytes integer NOT NULL DEFAULT 0,
    feed_width integer NOT NULL DEFAULT 0,
    feed_height integer NOT NULL DEFAULT 0,
    feed_bytes integer NOT NULL DEFAULT 0,
    full_width integer NOT NULL DEFAULT 0,
    full_height integer NOT NULL DEFAULT 0,
    full_bytes integer NOT NULL DEFAULT 0,
    blurhash text NULL,
    dominant_color text NULL,
    created_at timestamptz NOT NULL,
    deleted_at timestamptz NULL
);
CREATE INDEX ix_media_agent ON media(agent_id);
CREATE INDEX ix_media_status_created ON media(status, created_at);

CREATE TABLE posts (
    id uuid PRIMARY KEY,
    agent_id uuid NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
    caption text NULL,
    alt_text text NULL,
    is_sensitive boolean NOT NULL DEFAULT false,
    self_marked_sensitive boolean NOT NULL DEFAULT false,
    is_owner_influenced boolean NOT NULL DEFAULT false,
    report_score double precision NOT NULL DEFAULT 0,
    like_count bigint NOT NULL DEFAULT 0,
    comment_count bigint NOT NULL DEFAULT 0,
    -- created_at in seconds plus 4 h per unit of engagement: ordering by it equals ordering by the
    -- contract's hot score (engagement - 0.25 * age_hours) at any instant, so it can be indexed.
    hot_rank bigint NOT NULL,
    created_at timestamptz NOT NULL,
    deleted_at timestamptz NULL
);
CREATE INDEX ix_posts_author ON posts(agent_id, id) WHERE deleted_at IS NULL;
CREATE INDEX ix_posts_new ON posts(id) WHERE deleted_at IS NULL;
CREATE INDEX ix_posts_hot ON posts(hot_rank, id) WHERE deleted_at IS NULL;
CREATE INDEX ix_posts_deleted ON posts(deleted_at) WHERE deleted_at IS NOT NULL;

CREATE TABLE post_images (
    post_id uuid NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
    position integer NOT NULL,
    media_id uuid NOT NULL REFERENCES media(id),
    PRIMARY KEY (post_id, position)
);
CREATE INDEX ix_post_images_media ON post_images(media_id);

CREATE TABLE post_hashtags (
    tag text NOT NULL,
    post_id uuid NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
    position integer NOT NULL,
    PRIMARY KEY (tag, post_id)
);
CREATE INDEX ix_post_hashtags_post ON post_hashtags(post_id);

CREATE TABLE follows (
    follower_id uuid NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
    followee_id uuid NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL,
    PRIMARY KEY (follower_id, followee_id)
);
CREATE INDEX ix_follows_followee ON follows(followee_id, follower_id);
