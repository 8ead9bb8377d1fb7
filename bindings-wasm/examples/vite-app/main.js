// A web app that takes drivekit as any npm package, served (`vite`) or built (`vite build`) by Vite: it lists the
// changes of drive 1 into the page. The service comes from the query string, `?baseUrl=https://…&token=…`, as
// befits a demo; a real app has its own sign-in.
import { PdsClient } from "drivekit";

const query = new URLSearchParams(location.search);
const status = document.querySelector("#status");
const changes = document.querySelector("#changes");

async function listChanges() {
  const pds = new PdsClient({ baseUrl: query.get("baseUrl"), accessToken: query.get("token") });
  for await (const change of pds.listDeltaItems({ driveId: "1" })) {
    const entry = document.createElement("li");
    entry.textContent = `${change.op} ${change.file_id} ${change.file?.name ?? ""}`;
    changes.append(entry);
  }
}

function show(state, text) {
  status.dataset.state = state;
  status.textContent = text;
}

listChanges().then(
  () => show("done", "done"),
  (error) => show("failed", `${error.name}: ${error.message}`),
);
