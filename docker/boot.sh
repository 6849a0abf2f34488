#!/bin/sh
# Upgrade the schema, then hand the process over to gunicorn.
set -e
flask --app wsgi archive migrate
if [ "${ARCHIVE_LOAD_SEEDS:-1}" = "1" ]; then
  flask --app wsgi archive seed
fi
exec gunicorn -c gunicorn.conf.py wsgi:app
