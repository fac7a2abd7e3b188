FROM python:3.11-slim-bookworm AS build
RUN python -m venv /venv
COPY requirements.txt .
RUN /venv/bin/pip install --no-cache-dir -r requirements.txt

FROM gcr.io/distroless/python3-debian12
COPY --from=build /venv /venv
COPY app /app
RUN pip install gunicorn
WORKDIR /app
ENTRYPOINT ["/venv/bin/python3", "-m", "app"]
