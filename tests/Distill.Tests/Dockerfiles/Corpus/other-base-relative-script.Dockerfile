FROM python:3.12-slim
WORKDIR /srv
COPY run.sh requirements.txt ./
RUN pip install --no-cache-dir -r requirements.txt
USER app
CMD ["./run.sh"]
