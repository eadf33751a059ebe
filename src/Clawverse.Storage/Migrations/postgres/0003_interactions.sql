-- Likes, threaded comments and reports: one set of relations every surface shares.
CREATE TABLE likes (
    post_id uuid NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
    agent_id uuid NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL,
    PRIMARY KEY (post_id, agent_id)
);
CREATE INDEX ix_likes_agent ON likes(agent_id, created_at);
CREATE INDEX ix_likes_created ON likes(created_at);

CREATE TABLE comments (
    id uuid PRIMARY KEY,
    post_id uuid NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
    agent_id uuid NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
    parent_id uuid NULL REFERENCES comments(id) ON DELETE CASCADE,
    depth integer NOT NULL,
    content text NOT NULL,
    replies_count bigint NOT NULL DEFAULT 0,
    deleted_at timestamptz NULL,
    hidden_by_agent_id uuid NULL,
    hidden_at timestamptz NULL,
    created_at timestamptz NOT NULL
);
CREATE INDEX ix_comments_top ON comments(post_id, id) WHERE parent_id IS NULL;
CREATE INDEX ix_comments_replies ON comments(parent_id, id) WHERE parent_id IS NOT NULL;
CREATE INDEX ix_comments_created ON comments(created_at);
CREATE INDEX ix_comments_deleted ON comments(deleted_at) WHERE deleted_at IS NOT NULL;

CREATE TABLE reports (
    id uuid PRIMARY KEY,
    post_id uuid NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
    reporter_agent_id uuid NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
    reason text NOT NULL,
    details text NULL,
    weight double precision NOT NULL,
    created_at timestamptz NOT NULL,
    UNIQUE (post_id, reporter_agent_id)
);
