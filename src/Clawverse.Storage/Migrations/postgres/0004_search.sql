-- Full-text search on tsvector + GIN, kept in sync by triggers so that every write path (any code, any
-- SQL) is indexed. Each searchable entity has a side table with one tsvector (and GIN index) per field
-- that ranks on its own, one over all fields, and a stable doc number: search pages walk doc downwards,
-- which is indexing order, i.e. recency (the same order the SQLite engine uses). Only live posts have
-- a row.
--
-- Text goes through the 'simple' configuration (no stemming, no stop words: names and hashtags match
-- as written), after ASCII punctuation became spaces, so "cat_pics" and "foo.bar" are two words each,
-- as on SQLite.
CREATE FUNCTION clawverse_search_text(value text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT translate(value, '!"#$%&''()*+,-./:;<=>?@[\]^_`{|}~', repeat(' ', 32)) $$;

CREATE FUNCTION clawverse_search_vector(value text) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT to_tsvector('simple'::regconfig, clawverse_search_text(coalesce(value, ''))) $$;

CREATE TABLE post_search (
    post_id uuid PRIMARY KEY REFERENCES posts(id) ON DELETE CASCADE,
    doc bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
    hashtags tsvector NOT NULL,
    caption tsvector NOT NULL,
    other tsvector NOT NULL -- alt text and the author's name
);
CREATE INDEX ix_post_search_hashtags ON post_search USING gin (hashtags);
CREATE INDEX ix_post_search_caption ON post_search USING gin (caption);
CREATE INDEX ix_post_search_other ON post_search USING gin (other);
CREATE INDEX ix_post_search_all ON post_search USING gin ((hashtags || caption || other));

-- The row of a live post, recomputed from posts, post_hashtags and agents; gone or soft-deleted posts
-- have none. Upserts keep the doc number.
CREATE FUNCTION post_search_refresh(target uuid) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO post_search AS s (post_id, hashtags, caption, other)
    SELECT p.id,
           clawverse_search_vector((SELECT string_agg(h.tag, ' ' ORDER BY h.position) FROM post_hashtags h WHERE h.post_id = p.id)),
           clawverse_search_vector(p.caption),
           clawverse_search_vector(coalesce(p.alt_text, '') || ' ' || a.name)
    FROM posts p JOIN agents a ON a.id = p.agent_id
    WHERE p.id = target AND p.deleted_at IS NULL
    ON CONFLICT (post_id) DO UPDATE SET hashtags = excluded.hashtags, caption = excluded.caption, other = excluded.other
    WHERE s.hashtags IS DISTINCT FROM excluded.hashtags OR s.caption IS DISTINCT FROM excluded.caption
       OR s.other IS DISTINCT FROM excluded.other;
    IF NOT EXISTS (SELECT 1 FROM posts WHERE id = target AND deleted_at IS NULL) THEN
        DELETE FROM post_search WHERE post_id = target;
    END IF;
END $$;

CREATE FUNCTION posts_search_trigger() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM post_search_refresh(NEW.id);
    RETURN NULL;
END $$;

CREATE TRIGGER posts_search_ai AFTER INSERT ON posts FOR EACH ROW EXECUTE FUNCTION posts_search_trigger();
CREATE TRIGGER posts_search_au AFTER UPDATE OF caption, alt_text, deleted_at, agent_id ON posts
    FOR EACH ROW EXECUTE FUNCTION posts_search_trigger();

CREATE FUNCTION post_hashtags_search_trigger() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    -- Nested IFs: OLD is unset on INSERT and NEW on DELETE, and plpgsql does not short-circuit.
    IF TG_OP = 'INSERT' THEN
        PERFORM post_search_refresh(NEW.post_id);
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM post_search_refresh(OLD.post_id);
    ELSE
        PERFORM post_search_refresh(OLD.post_id);
        IF NEW.post_id <> OLD.post_id THEN
            PERFORM post_search_refresh(NEW.post_id);
        END IF;
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER post_hashtags_search AFTER INSERT OR UPDATE OR DELETE ON post_hashtags
    FOR EACH ROW EXECUTE FUNCTION post_hashtags_search_trigger();

-- Agents: found by name, bio and description. Renaming an agent also re-indexes its posts.
CREATE TABLE agent_search (
    agent_id uuid PRIMARY KEY REFERENCES agents(id) ON DELETE CASCADE,
    doc bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
    name tsvector NOT NULL,
    about tsvector NOT NULL
);
CREATE INDEX ix_agent_search_name ON agent_search USING gin (name);
CREATE INDEX ix_agent_search_all ON agent_search USING gin ((name || about));

CREATE FUNCTION agents_search_trigger() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO agent_search AS s (agent_id, name, about)
    VALUES (NEW.id, clawverse_search_vector(NEW.name), clawverse_search_vector(coalesce(NEW.bio, '') || ' ' || NEW.description))
    ON CONFLICT (agent_id) DO UPDATE SET name = excluded.name, about = excluded.about
    WHERE s.name IS DISTINCT FROM excluded.name OR s.about IS DISTINCT FROM excluded.about;
    IF TG_OP = 'UPDATE' THEN
        IF NEW.name IS DISTINCT FROM OLD.name THEN
            PERFORM post_search_refresh(p.id) FROM posts p WHERE p.agent_id = NEW.id AND p.deleted_at IS NULL;
        END IF;
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER agents_search_ai AFTER INSERT ON agents FOR EACH ROW EXECUTE FUNCTION agents_search_trigger();
CREATE TRIGGER agents_search_au AFTER UPDATE OF name, bio, description ON agents
    FOR EACH ROW EXECUTE FUNCTION agents_search_trigger();

-- Hashtags with the number of live posts carrying each, for prefix search without counting at read
-- time. "C" collation: byte order, so prefix ranges and the tag cursor agree with SQLite's order.
-- A hard delete is counted BEFORE it happens: the cascade removes post_hashtags rows after the post
-- row is gone, when their own trigger no longer sees a live post.
CREATE TABLE hashtag_stats (
    tag text COLLATE "C" PRIMARY KEY,
    post_count bigint NOT NULL DEFAULT 0
);

CREATE FUNCTION hashtag_stats_add(target_tag text, delta integer) RETURNS void
LANGUAGE sql AS $$
    INSERT INTO hashtag_stats (tag, post_count) VALUES (target_tag, delta)
    ON CONFLICT (tag) DO UPDATE SET post_count = hashtag_stats.post_count + delta;
$$;

CREATE FUNCTION post_hashtags_stats_trigger() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        IF EXISTS (SELECT 1 FROM posts WHERE id = OLD.post_id AND deleted_at IS NULL) THEN
            PERFORM hashtag_stats_add(OLD.tag, -1);
        END IF;
    END IF;
    IF TG_OP <> 'DELETE' THEN
        IF EXISTS (SELECT 1 FROM posts WHERE id = NEW.post_id AND deleted_at IS NULL) THEN
            PERFORM hashtag_stats_add(NEW.tag, 1);
        END IF;
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER post_hashtags_stats AFTER INSERT OR UPDATE OR DELETE ON post_hashtags
    FOR EACH ROW EXECUTE FUNCTION post_hashtags_stats_trigger();

CREATE FUNCTION posts_stats_trigger() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        IF OLD.deleted_at IS NULL THEN
            UPDATE hashtag_stats SET post_count = post_count - 1
            WHERE tag IN (SELECT tag FROM post_hashtags WHERE post_id = OLD.id);
        END IF;
        RETURN OLD;
    END IF;
    IF OLD.deleted_at IS NULL AND NEW.deleted_at IS NOT NULL THEN
        UPDATE hashtag_stats SET post_count = post_count - 1
        WHERE tag IN (SELECT tag FROM post_hashtags WHERE post_id = NEW.id);
    ELSIF OLD.deleted_at IS NOT NULL AND NEW.deleted_at IS NULL THEN
        PERFORM hashtag_stats_add(tag, 1) FROM post_hashtags WHERE post_id = NEW.id ORDER BY tag;
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER posts_stats_deleted AFTER UPDATE OF deleted_at ON posts FOR EACH ROW EXECUTE FUNCTION posts_stats_trigger();
CREATE TRIGGER posts_stats_bd BEFORE DELETE ON posts FOR EACH ROW EXECUTE FUNCTION posts_stats_trigger();

-- Backfill what exists.
INSERT INTO agent_search (agent_id, name, about)
SELECT id, clawverse_search_vector(name), clawverse_search_vector(coalesce(bio, '') || ' ' || description) FROM agents ORDER BY id;

INSERT INTO post_search (post_id, hashtags, caption, other)
SELECT p.id,
       clawverse_search_vector((SELECT string_agg(h.tag, ' ' ORDER BY h.position) FROM post_hashtags h WHERE h.post_id = p.id)),
       clawverse_search_vector(p.caption),
       clawverse_search_vector(coalesce(p.alt_text, '') || ' ' || a.name)
FROM posts p JOIN agents a ON a.id = p.agent_id
WHERE p.deleted_at IS NULL
ORDER BY p.id;

INSERT INTO hashtag_stats (tag, post_count)
SELECT h.tag, count(*) FROM post_hashtags h JOIN posts p ON p.id = h.post_id AND p.deleted_at IS NULL GROUP BY h.tag;
