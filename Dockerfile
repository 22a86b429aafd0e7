# Calv-a-lot : image en deux étapes (build Maven, puis JRE 17 seul), utilisateur non root.

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -B -q dependency:go-offline -DexcludeReactor=true || true
COPY src ./src
RUN mvn -B -q package -DskipTests
# la bibliothèque native SQLite de cette architecture, chargée depuis /app/native :
# la racine est en lecture seule et /tmp est monté noexec. uname -m dit aarch64 (64 bits), armv7l
# (Raspberry Pi OS 32 bits ; armv8l sous un noyau 64 bits) ; tout autre système est refusé en une ligne.
RUN mkdir -p /native && cd /native \
    && case "$(uname -m)" in \
         x86_64) arch=x86_64 ;; \
         aarch64) arch=aarch64 ;; \
         armv7l|armv8l) arch=armv7 ;; \
         *) echo "calv-a-lot: cannot build for $(uname -m): the image runs on x86_64, aarch64 (64-bit Raspberry Pi OS) and armv7 (32-bit Raspberry Pi OS on a Pi 2 or newer)" >&2; exit 1 ;; \
       esac \
    && jar xf /src/target/calv-a-lot.jar "org/sqlite/native/Linux/$arch/libsqlitejdbc.so" \
    && mv "org/sqlite/native/Linux/$arch/libsqlitejdbc.so" . && rm -rf org

# JRE 17 + archive CDS : le cache AOT de Java 25, mesuré ici, démarre avec le même temps CPU mais
# coûte 7 Mo de RSS de plus (README, « Benchmarks »).
FROM eclipse-temurin:17-jre
RUN apt-get update && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /src/target/calv-a-lot.jar /app/calv-a-lot.jar
COPY --from=build /native/libsqlitejdbc.so /app/native/libsqlitejdbc.so
COPY routes /app/routes

# JAVA_FLAGS : le réglage mémoire, que l'utilisateur peut changer (.env) sans rien casser ; les
# propriétés obligatoires (la bibliothèque SQLite de /app/native) sont dans ENTRYPOINT, hors de sa portée.
# MALLOC_ARENA_MAX=2 : glibc donne sinon une arène (jusqu'à 64 Mo) à chaque thread qui alloue en natif
# (SQLite). Min/MaxHeapFreeRatio : le tas suit ce qui y vit au lieu de garder 40 à 70 % de vide après
# une pointe. Ce que chacun épargne : docs/benchmarks.md, « Memory settings ».
ENV DB_PATH=/app/data/calvalot.db \
    ROUTES_DIR=/app/routes \
    PORT=8080 \
    TZ=UTC \
    MALLOC_ARENA_MAX=2 \
    JAVA_FLAGS="-XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError -Xms16m -Xmx64m -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30 -Xss512k -XX:TieredStopAtLevel=1 -XX:ReservedCodeCacheSize=32m -XX:MaxDirectMemorySize=32m"

# Archive CDS faite au build : premier /health en ~0,5 s au lieu de ~1 s, moins de mémoire.
# Un démarrage d'essai (base jetable) jusqu'au premier 200, puis arrêt propre qui écrit l'archive.
# Sur armv7 (non mesuré ici) une archive absente n'empêche rien : -Xshare:auto démarre sans.
RUN mkdir -p /tmp/cds && (DB_PATH=/tmp/cds/cds.db java $JAVA_FLAGS \
        -Dorg.sqlite.lib.path=/app/native -Dorg.sqlite.lib.name=libsqlitejdbc.so \
        -XX:ArchiveClassesAtExit=/app/calvalot.jsa -jar /app/calv-a-lot.jar & pid=$!; \
        for i in $(seq 1 120); do curl -fs http://127.0.0.1:8080/health >/dev/null && break; sleep 0.5; done; \
        kill $pid; wait $pid; true) \
    && rm -rf /tmp/cds && (test -f /app/calvalot.jsa || case "$(uname -m)" in arm*) true ;; *) false ;; esac)

# uid/gid 1000 comme l'ancien suiveur et docker-compose.yml : les fichiers de ./data restent ceux de
# l'hôte (numérique : l'image de base a parfois déjà un compte 1000, peu importe son nom)
RUN mkdir -p /app/data && chown 1000:1000 /app/data
VOLUME /app/data
USER 1000:1000
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD curl -fs "http://127.0.0.1:${PORT}/health" || exit 1
ENTRYPOINT ["sh", "-c", "exec java $JAVA_FLAGS -Dorg.sqlite.lib.path=/app/native -Dorg.sqlite.lib.name=libsqlitejdbc.so -XX:SharedArchiveFile=/app/calvalot.jsa -Xshare:auto -jar /app/calv-a-lot.jar \"$@\"", "calv-a-lot"]
