ARG DISTILL_REGISTRY=registry.example.com/platform
ARG VARIANT
FROM gcc:14 AS build
WORKDIR /build
COPY . .
RUN cmake -S . -B out -DCMAKE_BUILD_TYPE=Release && cmake --build out -j

FROM ${DISTILL_REGISTRY}/distill/cc:${VARIANT:-nonroot} AS runtime
COPY --from=build /build/out/renderer /opt/renderer/bin/renderer
CMD /opt/renderer/bin/renderer --threads=$THREADS && echo done
