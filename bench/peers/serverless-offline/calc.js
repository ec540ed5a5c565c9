// The tutorial's Calc handler (bench/node/calc/index.js, the tutorial's code unchanged) behind a lambda-proxy route.
// The tutorial's GET /calc maps operand1/operand2/operator into {a, b, op} with an API Gateway mapping template
// and answers the handler's object as the body; this adapter does the same two steps, so the handler stays as
// the tutorial wrote it and the peer answers the benchmark URL with a 200 and {"a":1,"b":2,"op":"+","c":3}.
const tutorial = require('../../node/calc/index.js');

exports.handler = (event, context) => new Promise((resolve) => {
    const query = event.queryStringParameters || {};
    const input = { a: query.operand1, b: query.operand2, op: query.operator };
    let answered = false;
    // The tutorial's handler calls back more than once on some invalid inputs (it does not return after an error): the first answer wins.
    tutorial.handler(input, context, (error, result) => {
        if (answered) return;
        answered = true;
        resolve(error
            ? { statusCode: 400, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ message: String(error) }) }
            : { statusCode: 200, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(result) });
    });
});
