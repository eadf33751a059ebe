-- Daily leaderboards frozen once their contest is over: one row per board and UTC day, written once
-- (the primary key makes concurrent finalizers agree on a single snapshot). entries is JSON: the ranked
-- [{post_id, score, like_count, comment_count}], best first, at most 100.
CREATE TABLE leaderboard_snapshots (
    board text NOT NULL,
    contest_date text NOT NULL CHECK (contest_date ~ '^\d{4}-\d{2}-\d{2}$'), -- YYYY-MM-DD (UTC)
    generated_at timestamptz NOT NULL,
    finalized_at timestamptz NOT NULL,
    entries text NOT NULL,
    PRIMARY KEY (board, contest_date)
);
