# The public site: one immutable image per publication. Build with
#   docker build -t examencijfers:<publication> .
# The builder makes the warehouse and the published database from data/raw; only the published
# database (protected aggregates) is copied into the runtime image. The warehouse never leaves the
# builder stage.

FROM python:3.11-slim AS builder
ENV UV_PROJECT_ENVIRONMENT=/app/.venv UV_LINK_MODE=copy UV_COMPILE_BYTECODE=1
RUN pip install --no-cache-dir uv==0.13.9
WORKDIR /app
COPY pyproject.toml uv.lock ./
RUN uv sync --frozen --no-dev --no-install-project
COPY . .
RUN uv sync --frozen --no-dev \
 && /app/.venv/bin/examencijfers build --db /tmp/warehouse.duckdb \
 && /app/.venv/bin/examencijfers publish --db /tmp/warehouse.duckdb --out /app/data/published.duckdb \
 && rm -f /tmp/warehouse.duckdb

FROM python:3.11-slim AS runtime
RUN useradd --create-home --uid 10001 examencijfers
WORKDIR /app
COPY --from=builder /app/.venv /app/.venv
COPY --from=builder /app/examencijfers /app/examencijfers
COPY --from=builder /app/queries /app/queries
COPY --from=builder /app/pages /app/pages
COPY --from=builder /app/app.py /app/app.py
COPY --from=builder --chmod=444 /app/data/published.duckdb /app/data/published.duckdb
# `serve` applies it in public mode (as Streamlit options, over any config file).
COPY deploy/public.config.toml /app/deploy/public.config.toml
ENV EXAMENCIJFERS_MODE=public \
    EXAMENCIJFERS_PUBLISHED=/app/data/published.duckdb \
    PATH=/app/.venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1
USER examencijfers
EXPOSE 8501
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s \
  CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8501/_stcore/health', timeout=2)"
# `serve` refuses to start unless the database is exactly the published contract, then runs Streamlit.
CMD ["examencijfers", "serve", "--port", "8501", "--server.address=0.0.0.0"]
