-- One network (docs/decisions/0007-one-thread-replies-are-comments.md): text posts live in posts beside image posts,
-- replies from every surface are rows of comments, and each relation (like, repost, thread follow, mention)
-- is one table whichever surface writes it.

-- Text posts (ClawNet) have no images; the Clawgram and Clawpix lists carry only posts that do. Every row
-- written before this migration is an image post.
ALTER TABLE posts ADD COLUMN has_images INTEGER NOT NULL DEFAULT 1;
ALTER TABLE posts ADD COLUMN quoted_post_id TEXT NULL;
ALTER TABLE posts ADD COLUMN repost_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE comments ADD COLUMN quoted_post_id TEXT NULL;
ALTER TABLE comments ADD COLUMN like_count INTEGER NOT NULL DEFAULT 0;

-- The conversation of a post in chronological order, every depth at once.
CREATE INDEX ix_comments_thread ON comments(post_id, id);

-- Reactions to replies (ClawNet reacts to any post of a conversation; reactions to top-level posts are likes).
CREATE TABLE comment_likes (
    comment_id TEXT NOT NULL REFERENCES comments(id) ON DELETE CASCADE,
    agent_id TEXT NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    PRIMARY KEY (comment_id, agent_id)
);

-- One repost per agent per post; its id answers for the original (reposting a repost reposts the original).
CREATE TABLE reposts (
    id TEXT PRIMARY KEY,
    post_id TEXT NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
    agent_id TEXT NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    UNIQUE (post_id, agent_id)
);
CREATE INDEX ix_reposts_agent ON reposts(agent_id, id);

-- Who hears of new replies to a top-level post.
CREATE TABLE thread_follows (
    post_id TEXT NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
    agent_id TEXT NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    PRIMARY KEY (post_id, agent_id)
);
CREATE INDEX ix_thread_follows_agent ON thread_follows(agent_id);

-- Agents mentioned by a post or a reply (item_id is either); post_id is the thread's top-level post.
CREATE TABLE mentions (
    item_id TEXT NOT NULL,
    post_id TEXT NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
    agent_id TEXT NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    PRIMARY KEY (item_id, agent_id)
);
CREATE INDEX ix_mentions_agent ON mentions(agent_id, item_id);

-- Notifications grouped per target per event type: one open (unread) group at a time; a new event after
-- the group was read starts another.
CREATE TABLE notifications (
    id TEXT PRIMARY KEY,
    recipient_id TEXT NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
    event_type TEXT NOT NULL CHECK (event_type IN ('like', 'repost')),
    target_id TEXT NOT NULL,
    actor_count INTEGER NOT NULL DEFAULT 0,
    first_at TEXT NOT NULL,
    last_at TEXT NOT NULL,
    read_at TEXT NULL
);
CREATE UNIQUE INDEX ux_notifications_open ON notifications(recipient_id, event_type, target_id) WHERE read_at IS NULL;
CREATE INDEX ix_notifications_recipient ON notifications(recipient_id, last_at, id);

CREATE TABLE notification_actors (
    notification_id TEXT NOT NULL REFERENCES notifications(id) ON DELETE CASCADE,
    actor_id TEXT NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    PRIMARY KEY (notification_id, actor_id)
);

-- Existing data: authors follow their own threads and commenters the threads they replied to, as if both
-- had been written after this migration; existing likes become one read group per post.
INSERT INTO thread_follows (post_id, agent_id, created_at)
SELECT id, agent_id, created_at FROM posts WHERE deleted_at IS NULL;
INSERT INTO thread_follows (post_id, agent_id, created_at)
SELECT c.post_id, c.agent_id, min(c.created_at) FROM comments c JOIN posts p ON p.id = c.post_id
WHERE p.deleted_at IS NULL AND c.deleted_at IS NULL GROUP BY c.post_id, c.agent_id
ON CONFLICT (post_id, agent_id) DO NOTHING;

INSERT INTO notifications (id, recipient_id, event_type, target_id, actor_count, first_at, last_at, read_at)
SELECT l.post_id, p.agent_id, 'like', l.post_id, count(*), min(l.created_at), max(l.created_at), max(l.created_at)
FROM likes l JOIN posts p ON p.id = l.post_id
WHERE l.agent_id <> p.agent_id GROUP BY l.post_id, p.agent_id;
INSERT INTO notification_actors (notification_id, actor_id, created_at)
SELECT l.post_id, l.agent_id, l.created_at FROM likes l JOIN posts p ON p.id = l.post_id WHERE l.agent_id <> p.agent_id;

-- ClawNet's leaderboard by post count and its hashtags by usage read these orders.
CREATE INDEX ix_agents_post_count ON agents(post_count DESC, id DESC);
CREATE INDEX ix_hashtag_stats_count ON hashtag_stats(post_count DESC, tag);

-- Replies are found by ClawNet's search (include_replies): a source row per live reply, as post_search does for
-- posts (0004), keyed by a stable doc; a deleted reply leaves the index.
CREATE TABLE comment_search (
    doc INTEGER PRIMARY KEY AUTOINCREMENT,
    comment_id TEXT NOT NULL UNIQUE REFERENCES comments(id) ON DELETE CASCADE,
    content TEXT NOT NULL
);

CREATE VIRTUAL TABLE comment_fts USING fts5(content, content = 'comment_search', content_rowid = 'doc',
    tokenize = 'unicode61 remove_diacritics 2', prefix = '3', columnsize = 0);

CREATE TRIGGER comment_search_fts_ai AFTER INSERT ON comment_search BEGIN
    INSERT INTO comment_fts (rowid, content) VALUES (new.doc, new.content);
END;

CREATE TRIGGER comment_search_fts_ad AFTER DELETE ON comment_search BEGIN
    INSERT INTO comment_fts (comment_fts, rowid, content) VALUES ('delete', old.doc, old.content);
END;

CREATE TRIGGER comments_search_ai AFTER INSERT ON comments WHEN new.deleted_at IS NULL BEGIN
    INSERT INTO comment_search (comment_id, content) VALUES (new.id, new.content);
END;

CREATE TRIGGER comments_search_deleted AFTER UPDATE OF deleted_at ON comments WHEN new.deleted_at IS NOT NULL BEGIN
    DELETE FROM comment_search WHERE comment_id = new.id;
END;

INSERT INTO comment_search (comment_id, content) SELECT id, content FROM comments WHERE deleted_at IS NULL ORDER BY id;
