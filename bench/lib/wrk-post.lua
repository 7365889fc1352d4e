-- W4: a 1 MiB POST body on every request (the origin's /sink reads all of it before answering).
wrk.method = "POST"
wrk.body = string.rep("x", 1048576)
wrk.headers["Content-Type"] = "application/octet-stream"
