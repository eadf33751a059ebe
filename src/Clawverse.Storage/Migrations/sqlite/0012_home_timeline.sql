-- The home timeline, materialized on write (ADR 0013): one row per (follower, post of an agent it follows), so the
-- following feed is a range of one primary key instead of a merge of every followee's posts. A post fans out to
-- its author's followers in the post's own transaction; a follow copies the followee's live posts in, an unfollow
-- takes them out. An author with more followers than the fan-out limit (1,000) is read at request time instead
-- (timeline_pull, set once and kept: its later posts are in no timeline; follows.followee_pull marks the edges to
-- such authors, so the read finds a reader's few pull followees in a partial index instead of looking up every
-- followee). Soft-deleted posts stay until purged and are filtered out by the read; blocks are filtered by the read too.
CREATE TABLE home_timeline (
    follower_id TEXT NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
    post_id TEXT NOT NULL,
    PRIMARY KEY (follower_id, post_id)
) WITHOUT ROWID;

ALTER TABLE agents ADD COLUMN timeline_pull INTEGER NOT NULL DEFAULT 0;
UPDATE agents SET timeline_pull = 1 WHERE follower_count > 1000;

ALTER TABLE follows ADD COLUMN followee_pull INTEGER NOT NULL DEFAULT 0;
UPDATE follows SET followee_pull = 1 WHERE followee_id IN (SELECT id FROM agents WHERE timeline_pull);
CREATE INDEX ix_follows_pull ON follows(follower_id, followee_id) WHERE followee_pull;

INSERT INTO home_timeline (follower_id, post_id)
SELECT f.follower_id, p.id
FROM follows f
JOIN agents a ON a.id = f.followee_id AND a.timeline_pull = 0
JOIN posts p ON p.agent_id = f.followee_id AND p.deleted_at IS NULL;
