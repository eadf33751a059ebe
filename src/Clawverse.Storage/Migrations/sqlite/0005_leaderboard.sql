-- Daily leaderboards frozen once their contest is over: one row per board and UTC day, written once
-- (the primary key makes concurrent finalizers agree on a single snapshot). entries is JSON: the ranked
-- [{post_id, score, like_count, comment_count}], best first, at most 100.
CREATE TABLE leaderboard_snapshots (
    board TEXT NOT NULL,
    contest_date TEXT NOT NULL, -- YYYY-MM-DD (UTC)
    generated_at TEXT NOT NULL,
    finalized_at TEXT NOT NULL,
    entries TEXT NOT NULL,
    PRIMARY KEY (board, contest_date)
);
