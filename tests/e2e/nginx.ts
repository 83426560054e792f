/**
 * The nginx configuration docs/OPERATIONS.md documents for two app processes, as the
 * rolling-restart test runs it (its own prefix directory, in the foreground, no access log).
 * The `upstream` and `location` blocks are the documented ones.
 */
export function nginxConfig(o: { dir: string; listen: number; upstreams: number[] }): string {
	const servers = o.upstreams.map((p) => `\t\tserver 127.0.0.1:${p} max_fails=0;`).join('\n');
	return `daemon off;
worker_processes 1;
pid ${o.dir}/nginx.pid;
error_log ${o.dir}/error.log warn;
events { worker_connections 1024; }
http {
	access_log off;
	# nginx closes a client connection after its 1,000th request (Connection: close); autocannon
	# may already have written the next request on it and counts a read ECONNRESET. Browsers open
	# a new connection: not what this test is about. The upstream side is the documented one.
	keepalive_requests 1000000;
	client_body_temp_path ${o.dir}/client_body;
	proxy_temp_path ${o.dir}/proxy;
	fastcgi_temp_path ${o.dir}/fastcgi;
	uwsgi_temp_path ${o.dir}/uwsgi;
	scgi_temp_path ${o.dir}/scgi;

	upstream huiban {
${servers}
		keepalive 16;
	}
	server {
		listen 127.0.0.1:${o.listen};
		client_max_body_size 12m;
		location = /metrics { return 404; }
		location / {
			proxy_pass http://huiban;
			proxy_http_version 1.1;
			proxy_set_header Connection "";
			proxy_set_header Host $http_host;
			proxy_set_header X-Forwarded-For $remote_addr;
			proxy_set_header X-Forwarded-Proto $scheme;
			proxy_next_upstream error timeout;
			proxy_next_upstream_tries 3;
			proxy_connect_timeout 2s;
		}
	}
}
`;
}
