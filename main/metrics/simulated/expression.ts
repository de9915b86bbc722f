/**
 * Just enough CloudWatch metric math for the simulator to derive what CloudWatch would (error rate =
 * errors / requests * 100): numbers, metric ids, + - * / and parentheses. Anything else is NaN, which
 * the service treats as no data. The text is split once and evaluated at every point: a rehearsal's first poll
 * evaluates the demo's error rate at each of a day's 1,440 minutes in 11 regions.
 */
export function compileExpression(expression: string): (valueOf: (id: string) => number) => number {
  const tokens = expression.match(/\d+(?:\.\d+)?|[A-Za-z][A-Za-z0-9._-]*|[-+*/()]/g) ?? [];
  return (valueOf) => evaluateTokens(tokens, valueOf);
}

function evaluateTokens(tokens: readonly string[], valueOf: (id: string) => number): number {
  let position = 0;
  const peek = () => tokens[position];
  const next = () => tokens[position++];

  function primary(): number {
    const token = next();
    if (token === undefined) return Number.NaN;
    if (token === '(') {
      const value = sum();
      return next() === ')' ? value : Number.NaN;
    }
    if (token === '-') return -primary();
    if (/^\d/.test(token)) return Number(token);
    if (peek() === '(') return Number.NaN; // functions (METRICS(), FILL()…) are beyond the simulator
    return valueOf(token);
  }
  function product(): number {
    let value = primary();
    while (peek() === '*' || peek() === '/') {
      const operator = next();
      const right = primary();
      value = operator === '*' ? value * right : value / right;
    }
    return value;
  }
  function sum(): number {
    let value = product();
    while (peek() === '+' || peek() === '-') {
      const operator = next();
      const right = product();
      value = operator === '+' ? value + right : value - right;
    }
    return value;
  }
  const value = sum();
  return position === tokens.length ? value : Number.NaN;
}
