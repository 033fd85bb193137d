# Builds the server and runs it on a slim Debian image. Configuration comes from the environment (see README).
FROM rust:1.95-bookworm AS build
WORKDIR /src
COPY . .
RUN cargo build --release --locked --bin cna-directory

FROM debian:bookworm-slim
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates curl \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --home /var/lib/cna-directory --create-home cna
COPY --from=build /src/target/release/cna-directory /usr/local/bin/cna-directory
USER cna
WORKDIR /var/lib/cna-directory
ENV CNA_LISTEN=0.0.0.0:8080
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --retries=3 CMD curl -fsS http://127.0.0.1:8080/readyz || exit 1
ENTRYPOINT ["cna-directory"]
CMD ["serve"]
