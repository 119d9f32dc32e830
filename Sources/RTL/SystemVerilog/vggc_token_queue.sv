// One dependency-token queue of docs/ISA.md ("Dependency tokens"): a FIFO of tokens is a counter.
// A push in cycle t is visible from cycle t + 1; a push and a pop may happen in the same cycle.
module vggc_token_queue #(
    parameter int COUNT_BITS = 16
) (
    input  logic clk,
    input  logic rst_n,
    input  logic push,
    input  logic pop,
    output logic available
);
  logic [COUNT_BITS-1:0] count;

  always_ff @(posedge clk or negedge rst_n) begin
    if (!rst_n) count <= '0;
    else count <= count + COUNT_BITS'(push) - COUNT_BITS'(pop && count != '0);
  end

  assign available = count != '0;
endmodule
