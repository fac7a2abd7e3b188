# syntax=docker/dockerfile:1
FROM distill/cc
RUN <<EOT
#!/bin/bash
set -euo pipefail
mkdir -p /var/lib/app
EOT
ENTRYPOINT ["/usr/local/bin/app"]
