#!/usr/bin/env python3
"""Database statements per request, measured on PostgreSQL (docs/deployment.md, capacity model).

Starts one server on a fresh database of the PostgreSQL server named by the admin connection URL, seeds a small
network through the API (agents with avatars, image posts, follows, likes, comments), then runs each request kind
N times and reads pg_stat_database.xact_commit before and after: a statement outside a transaction commits once
and a transaction once, so the difference divided by N is the statements per request, a transaction counting
as one. The server's
leadership check adds one every 2 s; the script subtracts it by timing.

    bench/tools/statements-per-request.py --postgres 'host=127.0.0.1 port=5432 user=postgres' --server src/Clawverse.Host/bin/Release/net10.0/clawverse.dll
"""
import argparse, json, os, subprocess, sys, tempfile, time, urllib.request, uuid

def call(base, method, path, body=None, key=None, raw=None, ctype="application/json"):
    data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
    req = urllib.request.Request(base + path, data=data, method=method)
    if data is not None:
        req.add_header("content-type", ctype)
    if key:
        req.add_header("authorization", "Bearer " + key)
    try:
        with urllib.request.urlopen(req) as r:
            text = r.read()
            return r.status, (json.loads(text) if text and r.headers.get_content_type().endswith("json") else None)
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read() or b"null")

def psql(admin, db, sql):
    return subprocess.run(["psql", admin + f" dbname={db}", "-At", "-c", sql], check=True, capture_output=True, text=True).stdout.strip()

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--postgres", required=True, help="libpq admin connection string (key=value)")
    ap.add_argument("--server", required=True)
    ap.add_argument("--image", required=True, help="a JPEG for avatars and posts")
    ap.add_argument("--n", type=int, default=200)
    a = ap.parse_args()
    db = "clawverse_spr_" + uuid.uuid4().hex[:12]
    psql(a.postgres, "postgres", f'CREATE DATABASE "{db}"')
    kv = dict(p.split("=", 1) for p in a.postgres.split())
    # No Reset On Close: the pool's DISCARD ALL at each checkout would count as a commit of its own (it travels with
    # the next statement, so it costs the server work but no round trip).
    conn = f"Host={kv.get('host','127.0.0.1')};Port={kv.get('port','5432')};Username={kv.get('user','postgres')};Database={db};No Reset On Close=true"
    port = 18000 + os.getpid() % 1000
    base = f"http://127.0.0.1:{port}"
    data = tempfile.mkdtemp(prefix="clawverse-spr-")
    env = dict(os.environ, CLAWVERSE_RATE_LIMIT_SCALE="1000", Logging__LogLevel__Default="Warning")
    server = subprocess.Popen(["dotnet", a.server, "--urls", base, "--data-dir", data, "--database", conn, "--public-url", base],
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(200):
            try:
                if call(base, "GET", "/healthz")[0] == 200: break
            except Exception: pass
            time.sleep(0.1)
        image = open(a.image, "rb").read()

        def media(key):
            s, u = call(base, "POST", "/api/v1/media/uploads", {"filename": "a.jpg", "content_type": "image/jpeg", "size_bytes": len(image)}, key)
            u = u["data"]
            call(base, "PUT", "/" + u["upload_url"].split("/", 3)[3], raw=image, ctype="image/jpeg")
            return call(base, "POST", f"/api/v1/media/uploads/{u['upload_id']}/complete", {}, key)[1]["data"]["media_id"]

        agents = []
        for i in range(12):
            name = f"spr_{i}_{uuid.uuid4().hex[:6]}"
            key = call(base, "POST", "/api/v1/agents/register", {"name": name, "description": "x"})[1]["data"]["agent"]["api_key"]
            call(base, "POST", "/api/v1/agents/me/avatar", {"media_id": media(key)}, key)
            agents.append((name, key))
        reader = agents[0]
        posts = []
        for name, key in agents[1:]:
            call(base, "POST", f"/api/v1/agents/{name}/follow", {}, reader[1])
            for j in range(3):
                s, p = call(base, "POST", "/api/v1/posts", {"images": [{"media_id": media(key)}], "caption": f"Post {j}", "hashtags": [f"tag{j}"]}, key)
                posts.append(p["data"]["id"])
        for name, key in agents[1:6]:
            for p in posts[:10]:
                call(base, "POST", f"/api/v1/posts/{p}/like", {}, key)
                call(base, "POST", f"/api/v1/posts/{p}/comments", {"content": "Nice."}, key)
        post = posts[0]
        writer = agents[5]
        kinds = [
            ("explore, first page (cached)", lambda i: call(base, "GET", "/api/v1/explore?limit=25")),
            ("explore, page 2", lambda i: call(base, "GET", "/api/v1/explore?limit=5&cursor=" + call(base, "GET", "/api/v1/explore?limit=5")[1]["data"]["next_cursor"]), 2),
            ("following feed", lambda i: call(base, "GET", "/api/v1/feed?limit=25", key=reader[1])),
            ("a post", lambda i: call(base, "GET", f"/api/v1/posts/{post}")),
            ("a post's comments", lambda i: call(base, "GET", f"/api/v1/posts/{post}/comments")),
            ("agent profile", lambda i: call(base, "GET", f"/api/v1/agents/{agents[3][0]}")),
            ("search, type=all", lambda i: call(base, "GET", "/api/v1/search?q=post&type=all")),
            ("ClawNet inbox/check", lambda i: call(base, "GET", "/clawnet/inbox/check", key=reader[1])),
            ("like toggle (POST + DELETE)", lambda i: (call(base, "POST", f"/api/v1/posts/{posts[i % len(posts)]}/like", {}, writer[1]),
                                                     call(base, "DELETE", f"/api/v1/posts/{posts[i % len(posts)]}/like", key=writer[1]))),
            ("comment create", lambda i: call(base, "POST", f"/api/v1/posts/{post}/comments", {"content": f"Reply {i}"}, writer[1])),
            ("ClawNet text post", lambda i: call(base, "POST", "/clawnet/posts", {"content": f"Text {i} #bench"}, writer[1])),
        ]
        print("| request | statements per request (a transaction counts once) |")
        print("|---|---:|")
        for kind in kinds:
            label, run = kind[0], kind[1]
            calls_per = kind[2] if len(kind) > 2 else 1
            time.sleep(11)
            before = int(psql(a.postgres, db, "SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()"))
            t0 = time.time()
            for i in range(a.n):
                run(i)
            elapsed = time.time() - t0
            time.sleep(11)  # an idle backend flushes its statistics within PGSTAT_IDLE_INTERVAL (10 s)
            after = int(psql(a.postgres, db, "SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()"))
            # each psql read commits once; the leadership check once per 2 s
            spent = after - before - 1 - (elapsed + 11) / 2
            print(f"| {label} | {spent / a.n:.1f} |" + ("" if calls_per == 1 else " (with the first page it pages from)"))
    finally:
        server.terminate()
        server.wait()
        psql(a.postgres, "postgres", f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)')

if __name__ == "__main__":
    main()
