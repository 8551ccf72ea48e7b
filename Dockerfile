# Production-style image: release build on the official Swift image, small Debian runtime.
# The service reads DATABASE_URL (see docker-compose.yml); the embedded cluster is for laptops.
FROM swift:6.1-bookworm AS build
WORKDIR /src
COPY Package.swift ./
COPY Sources ./Sources
COPY Database ./Database
COPY Tests ./Tests
RUN swift build -c release --product konkurs --static-swift-stdlib \
 && mkdir /staging \
 && cp "$(swift build -c release --show-bin-path)/konkurs" /staging/ \
 && cp -R "$(swift build -c release --show-bin-path)"/*.resources /staging/

FROM debian:bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates libcurl4 libxml2 tzdata \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --create-home --home-dir /app konkurs
WORKDIR /app
COPY --from=build --chown=konkurs:konkurs /staging /app
USER konkurs
ENV KONKURS_HOST=0.0.0.0 KONKURS_PORT=8080
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=3s CMD ["/bin/bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/8080"]
ENTRYPOINT ["/app/konkurs"]
CMD ["serve"]
