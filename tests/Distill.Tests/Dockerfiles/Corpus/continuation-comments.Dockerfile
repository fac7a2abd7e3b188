FROM golang:1.23 AS build
COPY . /src
RUN cd /src && \
    # the comment line inside a continuation is dropped
    go build \

    -o /out/worker ./cmd/worker

FROM distill/static
COPY --from=build /out/worker /worker
ENTRYPOINT /worker \
    # flags for production
    --queue jobs \
    --concurrency 4
