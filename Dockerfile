# syntax=docker/dockerfile:1
# One image for the web server, the Celery worker and Celery beat (see docker-compose.yml).
FROM python:3.13-slim-bookworm

# Runtime libraries WeasyPrint loads through CFFI (Pango, HarfBuzz subsetting) and a fallback font.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 \
        libpangoft2-1.0-0 \
        libharfbuzz-subset0 \
        fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*

RUN pip install --no-cache-dir "uv==0.13.9"

ENV DJANGO_ENV=production \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    UV_PROJECT_ENVIRONMENT=/app/.venv \
    UV_PYTHON_DOWNLOADS=never \
    UV_COMPILE_BYTECODE=1 \
    UV_LINK_MODE=copy \
    PATH="/app/.venv/bin:$PATH"

WORKDIR /app

# Dependencies first, in their own layer: it is rebuilt only when the lock file changes.
COPY pyproject.toml uv.lock ./
RUN --mount=type=cache,target=/root/.cache/uv \
    uv sync --frozen --no-dev --no-install-project

COPY . .

# The secret key and host list below are throwaway values that exist only for this one command;
# REDIS_URL keeps the settings from creating the filesystem broker folders inside the image, and
# DEMO_MODE lets the settings load without the SSO and SMS gateway that collecting files never uses.
RUN SECRET_KEY="build-only-$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')" \
    ALLOWED_HOSTS=build \
    REDIS_URL=redis://build-only:6379/0 \
    DEMO_MODE=true \
    python manage.py collectstatic --noinput

# The code and the collected static files stay owned by root and read-only for the app user;
# it may write only to the private media folder, where a named volume is mounted.
RUN groupadd --system --gid 10001 najiz \
    && useradd --system --uid 10001 --gid najiz --home-dir /app --no-create-home --shell /usr/sbin/nologin najiz \
    && mkdir -p /app/var/private \
    && chown -R najiz:najiz /app/var

USER najiz

EXPOSE 8000

CMD ["gunicorn", "najiz.wsgi:application", "--bind", "0.0.0.0:8000", "--worker-class", "gthread", "--workers", "2", "--threads", "4", "--access-logfile", "-"]
