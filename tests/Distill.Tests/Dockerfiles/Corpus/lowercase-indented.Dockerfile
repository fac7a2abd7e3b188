from golang:1.23 as build
  workdir /src
  copy . .
  run go build -o /out/cli .

from distill/static:nonroot
  copy --from=build /out/cli /cli
  cmd /cli version
