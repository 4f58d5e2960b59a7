export default function NotFound() {
  return (
    <main>
      <h1>Page not found</h1>
      <p>
        <a href="/">Back to the status page</a>
      </p>
    </main>
  );
}
