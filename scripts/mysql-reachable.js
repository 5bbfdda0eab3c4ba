// Exits 0 when the MySQL/MariaDB server of TEST_MYSQL_URL answers, 1 otherwise.
const { createConnection } = require('mysql2/promise');

const url = new URL(process.env.TEST_MYSQL_URL || 'mysql://root@127.0.0.1:3306/test');
createConnection({
  host: url.hostname,
  port: Number(url.port || 3306),
  user: decodeURIComponent(url.username || 'root'),
  password: decodeURIComponent(url.password),
  connectTimeout: 3000,
})
  .then(async (conn) => {
    await conn.query('SELECT 1');
    await conn.end();
    process.exit(0);
  })
  .catch((err) => {
    console.error(`MySQL/MariaDB not reachable at ${url.host}: ${err.message}`);
    process.exit(1);
  });
