FROM distill/base:debug
COPY server /usr/local/bin/server
RUN /usr/local/bin/server --check-config
CMD /usr/local/bin/server --port 8080
HEALTHCHECK CMD wget -q -O- http://localhost:8080/healthz || exit 1
