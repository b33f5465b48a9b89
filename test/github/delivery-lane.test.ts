import { describe, expect, it } from "vitest";
import { deliveryLane, storedDeliveryLane } from "../../src/github/delivery-lane.js";
import { examplePayload } from "../helpers/payloads.js";

function comment(body: string, edited?: { from: string }) {
  const payload = examplePayload("issue_comment", edited ? "edited" : "created");
  payload.comment.body = body;
  if (edited) payload.changes = { body: { from: edited.from } };
  return payload;
}

describe("the lane of a delivery", () => {
  it.each([
    ["pull_request", "opened"],
    ["check_suite", "completed"],
    ["check_run", "rerequested"],
    ["push", undefined],
  ])("%s is analysis: heavy", (event, action) => {
    expect(deliveryLane(event, examplePayload(event, action))).toBe("heavy");
  });

  it.each([
    ["issues", "labeled"],
    ["installation", "created"],
    ["pull_request_review", "submitted"],
  ])("%s is interactive", (event, action) => {
    expect(deliveryLane(event, examplePayload(event, action))).toBe("interactive");
  });

  it("a comment is interactive, unless a command in it scans code", () => {
    expect(deliveryLane("issue_comment", comment("/help\n/debt ignore dist/**"))).toBe("interactive");
    expect(deliveryLane("issue_comment", comment("Looks good to me"))).toBe("interactive");
    expect(deliveryLane("issue_comment", comment("/debt report"))).toBe("heavy");
    expect(deliveryLane("issue_comment", comment("please\n/debt"))).toBe("heavy");
  });

  it("an edited comment counts only the commands the edit added", () => {
    expect(deliveryLane("issue_comment", comment("/debt report\n/help", { from: "/debt report" }))).toBe("interactive");
    expect(deliveryLane("issue_comment", comment("/help\n/debt report", { from: "/help" }))).toBe("heavy");
  });

  it("a stored delivery's lane comes from its event and, for a comment, its payload text", () => {
    expect(storedDeliveryLane({ event: "issue_comment", payload: JSON.stringify(comment("/debt report")) })).toBe("heavy");
    expect(storedDeliveryLane({ event: "issue_comment", payload: "not json" })).toBe("interactive");
    expect(storedDeliveryLane({ event: "pull_request", payload: "{}" })).toBe("heavy");
  });
});
