// The random-number function of the API Gateway tutorial (its index.js, written from the tutorial's description:
// "a simple program" that "generate[s] a random number" behind GET /index of an HTTP API, "a new number after
// refreshing the page"). It returns the bare number: an HTTP API (payload 2.0) answers it as a 200 JSON body.
exports.handler = async (event) => {
    const min = 1;
    const max = 100;
    return Math.floor(Math.random() * (max - min + 1)) + min;
};
