import { join } from 'node:path';

/**
 * docs/several-instances.md's nginx configuration (its upstream and location blocks), with its
 * paths inside `dir`: what the rolling soak and the several-instances specs run.
 */
export function nginxConfig(port: number, upstreams: number[], dir: string, workerConnections = 1024): string {
  const servers = upstreams.map(upstream => `    server 127.0.0.1:${upstream} max_fails=0;`).join('\n');
  return `worker_processes 1;
pid ${join(dir, 'nginx.pid')};
error_log ${join(dir, 'error.log')};
events { worker_connections ${workerConnections}; }
http {
  access_log off;
  client_body_temp_path ${join(dir, 'body')};
  proxy_temp_path ${join(dir, 'proxy')};
  fastcgi_temp_path ${join(dir, 'fastcgi')};
  uwsgi_temp_path ${join(dir, 'uwsgi')};
  scgi_temp_path ${join(dir, 'scgi')};
  map $http_upgrade $connection_upgrade {
    default upgrade;
    '' '';
  }
  upstream weerpc {
${servers}
    keepalive 32;
    keepalive_timeout 4s;
  }
  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass http://weerpc;
      proxy_http_version 1.1;
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header Upgrade $http_upgrade;
      proxy_set_header Connection $connection_upgrade;
      proxy_read_timeout 1h;
      proxy_next_upstream error timeout non_idempotent;
    }
  }
}
`;
}
