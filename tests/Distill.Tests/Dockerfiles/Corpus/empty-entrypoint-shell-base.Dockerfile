FROM debian:bookworm-slim
COPY app /usr/local/bin/app
ENTRYPOINT []
CMD /usr/local/bin/app --serve
