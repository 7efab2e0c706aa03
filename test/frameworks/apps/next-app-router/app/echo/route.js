// A route handler: the request body reaches Next untouched by the SDK's routes before it.
export async function POST(request) {
  const body = await request.json();
  return Response.json({ echoed: body, method: request.method });
}
