FROM scratch
COPY agent /agent
USER nobody
ENTRYPOINT ["/agent"]
