// Up and down for one group or component in the page order: each press swaps it with its neighbour
// (lib/components/move-in-page-order.ts). The first has no "up", the last no "down".
import { ActionForm } from "./action-form";

export function MoveButtons({ action, id, name, first, last }: { action: "moveComponent" | "moveComponentGroup"; id: string; name: string; first: boolean; last: boolean }) {
  return (
    <span className="move-buttons">
      {(["up", "down"] as const).map((direction) =>
        (direction === "up" ? first : last) ? null : (
          <ActionForm key={direction} action={action} submit={direction === "up" ? "↑ Up" : "↓ Down"} submitLabel={`Move ${name} ${direction}`} className="action-form row" secondary>
            <input type="hidden" name="id" value={id} />
            <input type="hidden" name="direction" value={direction} />
          </ActionForm>
        ),
      )}
    </span>
  );
}
