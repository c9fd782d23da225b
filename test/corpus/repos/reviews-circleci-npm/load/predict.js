import http from "k6/http";
import { check } from "k6";

export const options = {
  vus: 20,
  duration: "2m",
  thresholds: {
    http_req_duration: ["p(95)<120", "p(99)<250"],
    http_req_failed: ["rate<0.01"],
  },
};

const reviews = ["Loved it", "Terrible packaging, arrived late", "Does what it says", "Would not recommend to anyone"];

export default function () {
  const res = http.post("http://localhost:8080/predict", JSON.stringify({ text: reviews[__ITER % reviews.length] }), {
    headers: { "Content-Type": "application/json" },
  });
  check(res, { "status 200": (r) => r.status === 200 });
}
