// The account page's second-factor actions (lib/auth/second-factor/): an authenticator app, recovery
// codes and passkeys. Setting one up is open to a session that owes a second factor (enrolment);
// removing one is not. Spread into the console's registry (console-actions.ts).
import "server-only";
import { z } from "zod";
import { passkeyRegistrationOptions, registerPasskey, removePasskey } from "../auth/second-factor/passkeys";
import { ConfirmTotp, RegisterPasskey, RemovePasskey } from "../auth/second-factor/schemas";
import { confirmTotpEnrolment, regenerateRecoveryCodes, removeTotp, startTotpEnrolment } from "../auth/second-factor/totp-enrolment";
import { defineAction, json, text } from "./admin-action";

const Nothing = z.object({});
const nothing = () => ({});

export const secondFactorActions = {
  startTotpEnrolment: defineAction({
    need: "view",
    enrolment: true,
    schema: Nothing,
    fromForm: nothing,
    run: async (_input, ctx) => {
      const { secret, uri } = await startTotpEnrolment({ ctx, input: undefined });
      return { message: "Add this key to your authenticator app, then enter the code it shows.", data: { secret, uri } };
    },
  }),
  confirmTotp: defineAction({
    need: "view",
    enrolment: true,
    schema: ConfirmTotp,
    fromForm: (form) => ({ code: text(form, "code") ?? "" }),
    run: async (input, ctx) => {
      const { recoveryCodes } = await confirmTotpEnrolment({ ctx, input });
      return { message: "Authenticator app set up. Keep these recovery codes somewhere safe: each works once, and they are shown only now.", data: { recoveryCodes } };
    },
  }),
  removeTotp: defineAction({
    need: "view",
    schema: Nothing,
    fromForm: nothing,
    run: async (_input, ctx) => {
      await removeTotp({ ctx, input: undefined });
      return { message: "Authenticator app removed." };
    },
  }),
  regenerateRecoveryCodes: defineAction({
    need: "view",
    enrolment: true,
    schema: Nothing,
    fromForm: nothing,
    run: async (_input, ctx) => {
      const { recoveryCodes } = await regenerateRecoveryCodes({ ctx, input: undefined });
      return { message: "New recovery codes (the old ones no longer work). They are shown only now.", data: { recoveryCodes } };
    },
  }),
  passkeyRegistrationOptions: defineAction({
    need: "view",
    enrolment: true,
    schema: Nothing,
    fromForm: nothing,
    run: async (_input, ctx) => ({ data: { options: await passkeyRegistrationOptions({ ctx, input: undefined }) } }),
  }),
  registerPasskey: defineAction({
    need: "view",
    enrolment: true,
    schema: RegisterPasskey,
    fromForm: (form) => ({ name: text(form, "name") ?? "", response: json(form, "response") }),
    run: async (input, ctx) => {
      const { recoveryCodes } = await registerPasskey({ ctx, input });
      return recoveryCodes
        ? { message: "Passkey added. Keep these recovery codes somewhere safe: each works once, and they are shown only now.", data: { recoveryCodes } }
        : { message: "Passkey added." };
    },
  }),
  removePasskey: defineAction({
    need: "view",
    schema: RemovePasskey,
    fromForm: (form) => ({ id: text(form, "id") ?? "" }),
    run: async (input, ctx) => {
      await removePasskey({ ctx, input });
      return { message: "Passkey removed." };
    },
  }),
};
