/* global Office */
import type { AuthMessage } from "../../wire";

export class SignInCancelled extends Error {
  constructor(
    message = "The QuickBooks sign-in window was closed before the connection finished."
  ) {
    super(message);
    Object.setPrototypeOf(this, SignInCancelled.prototype);
    this.name = "SignInCancelled";
  }
}

function isAuthMessage(x: unknown): x is AuthMessage {
  return typeof x === "object" && x !== null && (x as { type?: unknown }).type === "revrec-auth";
}

export function parseAuthMessage(text: string): AuthMessage | undefined {
  try {
    const data: unknown = JSON.parse(text);
    return isAuthMessage(data) ? data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Opens the QuickBooks sign-in at `url` (same origin as the pane: /auth/qbo/start) and resolves with the
 * callback page's message. In Office it is an Office dialog (identity pages refuse to be framed); in a plain
 * browser it is a pop-up window that posts the message back to its opener.
 */
export function openSignIn(url: string, inOffice: boolean): Promise<AuthMessage> {
  return inOffice ? officeDialog(url) : popup(url);
}

function officeDialog(url: string): Promise<AuthMessage> {
  return new Promise((resolve, reject) => {
    Office.context.ui.displayDialogAsync(
      url,
      { height: 60, width: 30, promptBeforeOpen: false },
      (result) => {
        if (result.status !== Office.AsyncResultStatus.Succeeded) {
          reject(
            new SignInCancelled(
              result.error.code === 12007
                ? "A sign-in window is already open. Finish or close it, then click Connect again."
                : `The sign-in window could not open (${result.error.message}).`
            )
          );
          return;
        }
        const dialog = result.value;
        dialog.addEventHandler(Office.EventType.DialogMessageReceived, (arg) => {
          if (!("message" in arg)) return;
          const message = parseAuthMessage(arg.message);
          if (!message) return;
          dialog.close();
          resolve(message);
        });
        dialog.addEventHandler(Office.EventType.DialogEventReceived, () => {
          reject(new SignInCancelled());
        });
      }
    );
  });
}

function popup(url: string): Promise<AuthMessage> {
  return new Promise((resolve, reject) => {
    const win = window.open(url, "revrec-signin", "width=520,height=720");
    if (!win) {
      reject(
        new SignInCancelled(
          "The browser blocked the sign-in window. Allow pop-ups for this page, then try again."
        )
      );
      return;
    }
    const done = () => {
      window.removeEventListener("message", onMessage);
      window.clearInterval(timer);
    };
    const onMessage = (event: MessageEvent<unknown>) => {
      if (event.origin !== window.location.origin || !isAuthMessage(event.data)) return;
      done();
      win.close();
      resolve(event.data);
    };
    window.addEventListener("message", onMessage);
    const timer = window.setInterval(() => {
      if (win.closed) {
        done();
        reject(new SignInCancelled());
      }
    }, 500);
  });
}
