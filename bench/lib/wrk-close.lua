-- W6: a new connection per request. wrk ignores "-H 'Connection: close'" for its reconnect
-- logic, but a header set here makes the server close, and wrk reconnects for the next request.
wrk.headers["Connection"] = "close"
