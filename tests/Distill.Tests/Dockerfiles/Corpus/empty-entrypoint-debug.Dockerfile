FROM distill/base:debug-nonroot
COPY app /app/app
ENTRYPOINT []
CMD /app/app --serve
