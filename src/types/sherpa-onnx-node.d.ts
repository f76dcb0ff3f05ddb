// sherpa-onnx-node ships JavaScript with JSDoc only; Sahayak types the parts it uses where it uses them.
declare module "sherpa-onnx-node" {
  const sherpa: Record<string, unknown>;
  export default sherpa;
}
