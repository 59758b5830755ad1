// Loaded with NODE_OPTIONS=--import: a process that starts slowly (a loaded machine), busy
// for 400 ms before the console's code runs. A time bound that counts from the process's
// start must hold anyway.
const started = Date.now();
while (Date.now() - started < 400);
