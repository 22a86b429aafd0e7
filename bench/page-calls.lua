-- wrk : chaque connexion enchaîne les appels de la page du tableau de bord (app.js), à tour de rôle.
local paths = {"/api/agent/status", "/api/budget", "/api/budget/history?period=1m&limit=1000",
               "/api/positions", "/api/trades?limit=15", "/api/signals?limit=10"}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1])
end
