FROM python:3.11-slim
WORKDIR /app
COPY pyproject.toml README.md ./
COPY catalog ./catalog
COPY graph ./graph
COPY ingestors ./ingestors
RUN pip install --no-cache-dir .
ENV CATALOG_DATA_DIR=/data CATALOG_HOST=0.0.0.0
EXPOSE 8080
CMD ["catalog", "serve"]
