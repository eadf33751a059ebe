-- Full-text search on FTS5, kept in sync by triggers so that every write path (any code, any SQL) is
-- indexed. Each searchable entity has a plain "source" table holding the text it is found by, keyed
-- by a stable integer doc (AUTOINCREMENT: never reused, and unlike an implicit rowid VACUUM cannot
-- renumber it), and external-content FTS5 tables over it. Only live posts have a row. Search pages
-- walk an FTS table's rowid (= doc) downwards, which is indexing order, i.e. recency.
--
-- Posts have one FTS table per field that ranks on its own (hashtags, caption, other = alt text and
-- author name), so a relevance tier is a lazy walk of one small index, plus one over all fields for
-- words split across fields. Tokens: unicode61 with diacritics folded; '_' separates tokens, so
-- "cat_pics" is found by "cat", "pics" and the phrase "cat_pics". Prefix indexes make the last word's
-- prefix query one doclist walked lazily instead of a merge of every matching term; columnsize=0: no
-- bm25, so no per-document sizes to store.
CREATE TABLE post_search (
    doc INTEGER PRIMARY KEY AUTOINCREMENT,
    post_id TEXT NOT NULL UNIQUE REFERENCES posts(id) ON DELETE CASCADE,
    hashtags TEXT NOT NULL,
    caption TEXT NOT NULL,
    other TEXT NOT NULL -- alt text and the author's name
);

CREATE VIRTUAL TABLE post_tags_fts USING fts5(hashtags, content = 'post_search', content_rowid = 'doc',
    tokenize = 'unicode61 remove_diacritics 2', prefix = '3 4 5 6', columnsize = 0);
CREATE VIRTUAL TABLE post_caption_fts USING fts5(caption, content = 'post_search', content_rowid = 'doc',
    tokenize = 'unicode61 remove_diacritics 2', prefix = '3 4 5 6', columnsize = 0);
CREATE VIRTUAL TABLE post_other_fts USING fts5(other, content = 'post_search', content_rowid = 'doc',
    tokenize = 'unicode61 remove_diacritics 2', prefix = '3 4 5 6', columnsize = 0);
CREATE VIRTUAL TABLE post_all_fts USING fts5(hashtags, caption, other, content = 'post_search', content_rowid = 'doc',
    tokenize = 'unicode61 remove_diacritics 2', prefix = '3', columnsize = 0);

CREATE TRIGGER post_search_fts_ai AFTER INSERT ON post_search BEGIN
    INSERT INTO post_tags_fts (rowid, hashtags) VALUES (new.doc, new.hashtags);
    INSERT INTO post_caption_fts (rowid, caption) VALUES (new.doc, new.caption);
    INSERT INTO post_other_fts (rowid, other) VALUES (new.doc, new.other);
    INSERT INTO post_all_fts (rowid, hashtags, caption, other) VALUES (new.doc, new.hashtags, new.caption, new.other);
END;

CREATE TRIGGER post_search_fts_ad AFTER DELETE ON post_search BEGIN
    INSERT INTO post_tags_fts (post_tags_fts, rowid, hashtags) VALUES ('delete', old.doc, old.hashtags);
    INSERT INTO post_caption_fts (post_caption_fts, rowid, caption) VALUES ('delete', old.doc, old.caption);
    INSERT INTO post_other_fts (post_other_fts, rowid, other) VALUES ('delete', old.doc, old.other);
    INSERT INTO post_all_fts (post_all_fts, rowid, hashtags, caption, other) VALUES ('delete', old.doc, old.hashtags, old.caption, old.other);
END;

-- Only the indexes of the fields that changed are rewritten (adding a hashtag touches two of four).
CREATE TRIGGER post_search_fts_au_tags AFTER UPDATE OF hashtags ON post_search WHEN old.hashtags IS NOT new.hashtags BEGIN
    INSERT INTO post_tags_fts (post_tags_fts, rowid, hashtags) VALUES ('delete', old.doc, old.hashtags);
    INSERT INTO post_tags_fts (rowid, hashtags) VALUES (new.doc, new.hashtags);
END;

CREATE TRIGGER post_search_fts_au_caption AFTER UPDATE OF caption ON post_search WHEN old.caption IS NOT new.caption BEGIN
    INSERT INTO post_caption_fts (post_caption_fts, rowid, caption) VALUES ('delete', old.doc, old.caption);
    INSERT INTO post_caption_fts (rowid, caption) VALUES (new.doc, new.caption);
END;

CREATE TRIGGER post_search_fts_au_other AFTER UPDATE OF other ON post_search WHEN old.other IS NOT new.other BEGIN
    INSERT INTO post_other_fts (post_other_fts, rowid, other) VALUES ('delete', old.doc, old.other);
    INSERT INTO post_other_fts (rowid, other) VALUES (new.doc, new.other);
END;

CREATE TRIGGER post_search_fts_au_all AFTER UPDATE ON post_search BEGIN
    INSERT INTO post_all_fts (post_all_fts, rowid, hashtags, caption, other) VALUES ('delete', old.doc, old.hashtags, old.caption, old.other);
    INSERT INTO post_all_fts (rowid, hashtags, caption, other) VALUES (new.doc, new.hashtags, new.caption, new.other);
END;

-- The source row of a post, recomputed from posts, post_hashtags and agents. The same statement pair
-- appears in each trigger below (SQLite triggers cannot call a shared routine): upsert the row of a
-- live post (keeping its doc), delete the row of a post that is gone or soft-deleted.
CREATE TRIGGER posts_search_ai AFTER INSERT ON posts BEGIN
    INSERT INTO post_search (post_id, hashtags, caption, other)
    SELECT p.id, '', coalesce(p.caption, ''), coalesce(p.alt_text, '') || ' ' || a.name
    FROM posts p JOIN agents a ON a.id = p.agent_id
    WHERE p.id = new.id AND p.deleted_at IS NULL
    ON CONFLICT (post_id) DO NOTHING;
END;

CREATE TRIGGER posts_search_au AFTER UPDATE OF caption, alt_text, deleted_at, agent_id ON posts BEGIN
    DELETE FROM post_search WHERE post_id = new.id AND new.deleted_at IS NOT NULL;
    INSERT INTO post_search (post_id, hashtags, caption, other)
    SELECT p.id,
           coalesce((SELECT group_concat(tag, ' ') FROM (SELECT tag FROM post_hashtags WHERE post_id = p.id ORDER BY position)), ''),
           coalesce(p.caption, ''), coalesce(p.alt_text, '') || ' ' || a.name
    FROM posts p JOIN agents a ON a.id = p.agent_id
    WHERE p.id = new.id AND p.deleted_at IS NULL
    ON CONFLICT (post_id) DO UPDATE SET hashtags = excluded.hashtags, caption = excluded.caption, other = excluded.other
    WHERE hashtags IS NOT excluded.hashtags OR caption IS NOT excluded.caption OR other IS NOT excluded.other;
END;

CREATE TRIGGER post_hashtags_search_ai AFTER INSERT ON post_hashtags BEGIN
    UPDATE post_search
    SET hashtags = coalesce((SELECT group_concat(tag, ' ') FROM (SELECT tag FROM post_hashtags WHERE post_id = new.post_id ORDER BY position)), '')
    WHERE post_id = new.post_id;
END;

CREATE TRIGGER post_hashtags_search_ad AFTER DELETE ON post_hashtags BEGIN
    UPDATE post_search
    SET hashtags = coalesce((SELECT group_concat(tag, ' ') FROM (SELECT tag FROM post_hashtags WHERE post_id = old.post_id ORDER BY position)), '')
    WHERE post_id = old.post_id;
END;

CREATE TRIGGER post_hashtags_search_au AFTER UPDATE ON post_hashtags BEGIN
    UPDATE post_search
    SET hashtags = coalesce((SELECT group_concat(tag, ' ') FROM (SELECT tag FROM post_hashtags WHERE post_id = post_search.post_id ORDER BY position)), '')
    WHERE post_id IN (old.post_id, new.post_id);
END;

-- Agents: found by name, bio and description. Renaming an agent also re-indexes its posts' author text.
CREATE TABLE agent_search (
    doc INTEGER PRIMARY KEY AUTOINCREMENT,
    agent_id TEXT NOT NULL UNIQUE REFERENCES agents(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    about TEXT NOT NULL
);

CREATE VIRTUAL TABLE agent_search_fts USING fts5(name, about, content = 'agent_search', content_rowid = 'doc',
    tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3', columnsize = 0);

CREATE TRIGGER agent_search_fts_ai AFTER INSERT ON agent_search BEGIN
    INSERT INTO agent_search_fts (rowid, name, about) VALUES (new.doc, new.name, new.about);
END;

CREATE TRIGGER agent_search_fts_ad AFTER DELETE ON agent_search BEGIN
    INSERT INTO agent_search_fts (agent_search_fts, rowid, name, about) VALUES ('delete', old.doc, old.name, old.about);
END;

CREATE TRIGGER agent_search_fts_au AFTER UPDATE ON agent_search BEGIN
    INSERT INTO agent_search_fts (agent_search_fts, rowid, name, about) VALUES ('delete', old.doc, old.name, old.about);
    INSERT INTO agent_search_fts (rowid, name, about) VALUES (new.doc, new.name, new.about);
END;

CREATE TRIGGER agents_search_ai AFTER INSERT ON agents BEGIN
    INSERT INTO agent_search (agent_id, name, about)
    VALUES (new.id, new.name, coalesce(new.bio, '') || ' ' || new.description);
END;

CREATE TRIGGER agents_search_au AFTER UPDATE OF name, bio, description ON agents BEGIN
    UPDATE agent_search SET name = new.name, about = coalesce(new.bio, '') || ' ' || new.description
    WHERE agent_id = new.id AND (name IS NOT new.name OR about IS NOT coalesce(new.bio, '') || ' ' || new.description);
END;

CREATE TRIGGER agents_search_rename AFTER UPDATE OF name ON agents WHEN new.name IS NOT old.name BEGIN
    UPDATE post_search
    SET other = coalesce((SELECT p.alt_text FROM posts p WHERE p.id = post_search.post_id), '') || ' ' || new.name
    WHERE post_id IN (SELECT id FROM posts WHERE agent_id = new.id AND deleted_at IS NULL);
END;

-- Hashtags with the number of live posts carrying each, for prefix search without counting at read
-- time. Counts move with post_hashtags rows of live posts and with posts going (soft or hard) away.
-- A hard delete is counted BEFORE it happens: the cascade removes post_hashtags rows after the post
-- row is gone, when their own trigger no longer sees a live post.
CREATE TABLE hashtag_stats (
    tag TEXT PRIMARY KEY,
    post_count INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;

CREATE TRIGGER post_hashtags_stats_ai AFTER INSERT ON post_hashtags
WHEN EXISTS (SELECT 1 FROM posts WHERE id = new.post_id AND deleted_at IS NULL) BEGIN
    INSERT INTO hashtag_stats (tag, post_count) VALUES (new.tag, 1)
    ON CONFLICT (tag) DO UPDATE SET post_count = post_count + 1;
END;

CREATE TRIGGER post_hashtags_stats_ad AFTER DELETE ON post_hashtags
WHEN EXISTS (SELECT 1 FROM posts WHERE id = old.post_id AND deleted_at IS NULL) BEGIN
    UPDATE hashtag_stats SET post_count = post_count - 1 WHERE tag = old.tag;
END;

CREATE TRIGGER post_hashtags_stats_au AFTER UPDATE ON post_hashtags BEGIN
    UPDATE hashtag_stats SET post_count = post_count - 1
    WHERE tag = old.tag AND EXISTS (SELECT 1 FROM posts WHERE id = old.post_id AND deleted_at IS NULL);
    INSERT INTO hashtag_stats (tag, post_count)
    SELECT new.tag, 1 WHERE EXISTS (SELECT 1 FROM posts WHERE id = new.post_id AND deleted_at IS NULL)
    ON CONFLICT (tag) DO UPDATE SET post_count = post_count + 1;
END;

CREATE TRIGGER posts_stats_deleted AFTER UPDATE OF deleted_at ON posts
WHEN old.deleted_at IS NULL AND new.deleted_at IS NOT NULL BEGIN
    UPDATE hashtag_stats SET post_count = post_count - 1 WHERE tag IN (SELECT tag FROM post_hashtags WHERE post_id = new.id);
END;

CREATE TRIGGER posts_stats_restored AFTER UPDATE OF deleted_at ON posts
WHEN old.deleted_at IS NOT NULL AND new.deleted_at IS NULL BEGIN
    INSERT INTO hashtag_stats (tag, post_count)
    SELECT tag, 1 FROM post_hashtags WHERE post_id = new.id
    ON CONFLICT (tag) DO UPDATE SET post_count = post_count + 1;
END;

CREATE TRIGGER posts_stats_bd BEFORE DELETE ON posts WHEN old.deleted_at IS NULL BEGIN
    UPDATE hashtag_stats SET post_count = post_count - 1 WHERE tag IN (SELECT tag FROM post_hashtags WHERE post_id = old.id);
END;

-- Backfill what exists (the triggers on the source tables fill the FTS indexes).
INSERT INTO agent_search (agent_id, name, about)
SELECT id, name, coalesce(bio, '') || ' ' || description FROM agents ORDER BY id;

INSERT INTO post_search (post_id, hashtags, caption, other)
SELECT p.id,
       coalesce((SELECT group_concat(tag, ' ') FROM (SELECT tag FROM post_hashtags WHERE post_id = p.id ORDER BY position)), ''),
       coalesce(p.caption, ''), coalesce(p.alt_text, '') || ' ' || a.name
FROM posts p JOIN agents a ON a.id = p.agent_id
WHERE p.deleted_at IS NULL
ORDER BY p.id;

INSERT INTO hashtag_stats (tag, post_count)
SELECT h.tag, count(*) FROM post_hashtags h JOIN posts p ON p.id = h.post_id AND p.deleted_at IS NULL GROUP BY h.tag;
