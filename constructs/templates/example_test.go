package templates_test

import (
	"fmt"

	"github.com/execrole/execrole/constructs/templates"
)

func ExampleSQSPollerPolicy() {
	for _, s := range templates.SQSPollerPolicy("orders") {
		fmt.Println(s.Actions)
		fmt.Println(s.Resources)
	}
	// Output:
	// [sqs:ChangeMessageVisibility sqs:ChangeMessageVisibilityBatch sqs:DeleteMessage sqs:DeleteMessageBatch sqs:GetQueueAttributes sqs:ReceiveMessage]
	// [arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:orders]
}

func ExampleLookup() {
	tpl, _ := templates.Lookup("DynamoDBCrudPolicy")
	fmt.Println(tpl.Parameters)
	stmts, _ := tpl.Render(map[string]string{"TableName": "${Token[TOKEN.42]}"})
	fmt.Println(stmts[0].Resources)
	_, err := tpl.Render(map[string]string{"tableName": "orders"})
	fmt.Println(err)
	// Output:
	// [TableName]
	// [arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/${Token[TOKEN.42]} arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/${Token[TOKEN.42]}/index/*]
	// template "DynamoDBCrudPolicy": missing parameter "TableName": set args["TableName"]
	// template "DynamoDBCrudPolicy": unknown parameter "tableName": names are case-sensitive, use "TableName"
}
