// Audio primitives: frames, G.711, resampling, WAV. Depends on nothing else in Sahayak.
export * from "./frame.js";
export * from "./g711.js";
export * from "./resample.js";
export * from "./wav.js";
export * from "./tone.js";
