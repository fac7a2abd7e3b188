FROM oci:out/images:cc-debian12 AS runtime
COPY bin/indexer /usr/local/bin/indexer
CMD /usr/local/bin/indexer --once

FROM docker-archive:out/base.tar:distill/base:nonroot
COPY bin/indexer /usr/local/bin/indexer
CMD exec /usr/local/bin/indexer --watch
