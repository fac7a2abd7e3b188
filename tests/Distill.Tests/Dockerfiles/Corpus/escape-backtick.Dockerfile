# escape=`
FROM debian:bookworm AS build
RUN apt-get update && `
    apt-get install -y --no-install-recommends build-essential && `
    rm -rf /var/lib/apt/lists/*
COPY hello.c /src/hello.c
RUN gcc -static -O2 -o /out/hello /src/hello.c

FROM scratch
COPY --from=build /out/hello /hello
CMD /hello `
    --greeting world
