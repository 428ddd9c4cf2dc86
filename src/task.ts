/** Runs `task` in a new macrotask, without setTimeout's 4 ms clamp: the page can paint and handle input first,
 * and no task of dropcart's grows with the page (issue 6). Tasks posted this way run in the order posted. */
export function nextTask(task: () => void): void {
  const channel = new MessageChannel();
  channel.port1.onmessage = task;
  channel.port2.postMessage(0);
}
