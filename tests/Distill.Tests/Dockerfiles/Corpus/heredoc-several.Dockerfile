# syntax=docker/dockerfile:1
FROM alpine:3.20 AS generate
RUN <<SCRIPT1 sh && <<-'SCRIPT2' sh
echo first > /first.txt
SCRIPT1
	echo "$HOME" > /second.txt
	SCRIPT2

FROM gcr.io/distroless/static-debian12
COPY <<one.txt <<two.txt /srv/
one
one.txt
two
two.txt
COPY --from=generate /first.txt /second.txt /srv/
ENTRYPOINT ["/srv/server"]
