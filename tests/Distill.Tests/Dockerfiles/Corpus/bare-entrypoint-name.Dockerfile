FROM golang:1.23 AS build
COPY . /src
WORKDIR /src
RUN go build -o /out/server .

FROM distill/static
WORKDIR /app
COPY --from=build /out/server .
ENTRYPOINT ["server"]
